package org.lmlab.experiments;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The one composition root: builds lmlab's injector from the built-in {@link LmlabModule}
 * and plugin modules. Nothing outside tests creates another injector, so a plugin's
 * components are seen by every command and stage.
 */
public final class Injection {

    private Injection() {
    }

    /**
     * The injector of the built-in components plus these plugins.
     *
     * @throws IllegalArgumentException if a plugin's bindings clash with others (a name registered twice)
     */
    public static Injector create(List<Module> plugins) {
        List<Module> modules = new ArrayList<>();
        modules.add(new LmlabModule());
        modules.addAll(plugins);
        try {
            return Guice.createInjector(modules);
        } catch (CreationException clash) {
            List<String> messages = clash.getErrorMessages().stream().map(Message::getMessage)
                    .map(message -> message.lines().findFirst().orElse(message)).toList();
            throw new IllegalArgumentException("plugins: " + String.join("; ", messages), clash);
        }
    }
}
