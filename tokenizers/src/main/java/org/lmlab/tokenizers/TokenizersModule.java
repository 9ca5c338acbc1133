package org.lmlab.tokenizers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.lmlab.tokenizers.bpe.BpeTokenizerFactory;
import org.lmlab.tokenizers.bpe.Gpt2TokenizerFactory;
import org.lmlab.tokenizers.hf.HuggingFaceJsonTokenizerFactory;
import org.lmlab.tokenizers.simple.CharTokenizerFactory;
import org.lmlab.tokenizers.simple.RegexWordTokenizerFactory;
import org.lmlab.tokenizers.wordpiece.BertBaseUncasedTokenizerFactory;

/**
 * Binds every tokenizer kind of this module by the name configs use. Another module can add
 * a kind with its own {@code MapBinder.newMapBinder(binder(), String.class, TokenizerFactory.class)}.
 */
public final class TokenizersModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, TokenizerFactory> factories = MapBinder.newMapBinder(binder(), String.class, TokenizerFactory.class);
        factories.addBinding("gpt2").to(Gpt2TokenizerFactory.class);
        factories.addBinding("bert-base-uncased").to(BertBaseUncasedTokenizerFactory.class);
        factories.addBinding("bpe").to(BpeTokenizerFactory.class);
        factories.addBinding("regex-word").to(RegexWordTokenizerFactory.class);
        factories.addBinding("char").to(CharTokenizerFactory.class);
        factories.addBinding("hf-json").to(HuggingFaceJsonTokenizerFactory.class);
    }

    /**
     * All instances are equal, so Guice installs the module once however many modules
     * install it (a plugin module may install it again).
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
