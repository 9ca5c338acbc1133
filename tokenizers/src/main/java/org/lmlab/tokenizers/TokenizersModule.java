package org.lmlab.tokenizers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.lmlab.tokenizers.bpe.BpeTokenizerFactory;
import org.lmlab.tokenizers.bpe.Gpt2TokenizerFactory;
import org.lmlab.tokenizers.hf.HuggingFaceJsonTokenizerFactory;
import org.lmlab.tokenizers.simple.CharTokenizerFactory;
import org.lmlab.tokenizers.simple.RegexWordTokenizerFactory;
import org.lmlab.tokenizers.wordpiece.BertBaseUncasedTokenizerFactory;

/**
 * Binds every tokenizer kind of this module by the name configs use. Another module can add
 * a kind with its own {@code MapBinder.newMapBinder(binder(), String.class, TokenizerFactory.class)}.
 * The same list also builds {@link Tokenizers#standard()} without an injector, for start-up paths
 * that need nothing else (such as {@code lmlab tokenize}).
 */
public final class TokenizersModule extends AbstractModule {

    /** Every built-in kind by name, in registration order: the one list of them. */
    static Map<String, Supplier<TokenizerFactory>> builtIn() {
        Map<String, Supplier<TokenizerFactory>> kinds = new LinkedHashMap<>();
        kinds.put("gpt2", Gpt2TokenizerFactory::new);
        kinds.put("bert-base-uncased", BertBaseUncasedTokenizerFactory::new);
        kinds.put("bpe", BpeTokenizerFactory::new);
        kinds.put("regex-word", RegexWordTokenizerFactory::new);
        kinds.put("char", CharTokenizerFactory::new);
        kinds.put("hf-json", HuggingFaceJsonTokenizerFactory::new);
        return kinds;
    }

    @Override
    protected void configure() {
        MapBinder<String, TokenizerFactory> factories = MapBinder.newMapBinder(binder(), String.class, TokenizerFactory.class);
        builtIn().forEach((name, factory) -> factories.addBinding(name).toInstance(factory.get()));
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
