package org.lmlab.experiments;

import com.google.inject.Module;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plugin modules named on the command line ({@code --plugin CLASS}, repeatable) or in an
 * experiment file ({@code plugins:}): Guice modules on the class path whose bindings add
 * components (an attention variant, an objective, a data source) to lmlab's seams.
 */
public final class Plugins {

    /** The option that names a plugin. */
    public static final String OPTION = "--plugin";

    private Plugins() {
    }

    /** The plugin class names among command-line arguments ({@code --plugin X} or {@code --plugin=X}), in order, once each. */
    public static List<String> named(String[] args) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(OPTION + ": expected a Guice module class name");
                }
                names.add(args[++i]);
            } else if (args[i].startsWith(OPTION + "=")) {
                names.add(args[i].substring(OPTION.length() + 1));
            } else if (args[i].equals("--")) {
                break;
            }
        }
        return List.copyOf(names);
    }

    /**
     * An instance of each named module.
     *
     * @param where how the names were given, for messages ({@code --plugin}, {@code experiment.yaml: plugins})
     * @throws IllegalArgumentException naming a class that is missing, is not a Guice module or cannot be made
     */
    public static List<Module> load(List<String> classNames, String where, ClassLoader loader) {
        List<Module> modules = new ArrayList<>();
        for (String name : classNames) {
            modules.add(load(name, where, loader));
        }
        return modules;
    }

    private static Module load(String name, String where, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name.strip(), false, loader);
        } catch (ClassNotFoundException | LinkageError missing) {
            throw new IllegalArgumentException(where + " " + name + ": no such class on the class path"
                    + " (add its jar with LMLAB_CLASSPATH)", missing);
        }
        if (!Module.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(where + " " + name + ": not a Guice module (it must implement com.google.inject.Module)");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(where + " " + name + ": an abstract class cannot be installed");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Module) constructor.newInstance();
        } catch (NoSuchMethodException noDefault) {
            throw new IllegalArgumentException(where + " " + name + ": a plugin module needs a constructor without arguments", noDefault);
        } catch (InvocationTargetException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw new IllegalArgumentException(where + " " + name + ": its constructor failed: " + cause, cause);
        } catch (ReflectiveOperationException | RuntimeException failed) {
            throw new IllegalArgumentException(where + " " + name + ": cannot be made: " + failed, failed);
        }
    }
}
