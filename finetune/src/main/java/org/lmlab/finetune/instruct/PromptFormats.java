package org.lmlab.finetune.instruct;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.lmlab.layers.core.Registry;

/** The prompt formats by name ({@code alpaca}, {@code phi3}, a plugin's), filled by Guice. */
public final class PromptFormats {

    private final Registry<PromptFormat> formats;

    @Inject
    public PromptFormats(Map<String, PromptFormat> formats) {
        this.formats = new Registry<>("data.format", formats);
    }

    /** Registers a format: {@code PromptFormats.register(binder(), "chatml", record -> ...)}. */
    public static void register(Binder binder, String name, PromptFormat format) {
        MapBinder.newMapBinder(binder, String.class, PromptFormat.class).addBinding(name).toInstance(format);
    }

    /** The format of this name, or an error listing the known ones. */
    public PromptFormat get(String name) {
        return formats.get(name);
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return formats.names();
    }
}
