package org.lmlab.eval;

import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.lmlab.eval.task.TaskTypes;
import org.lmlab.layers.core.InstallOnceModule;

/**
 * Registers the evaluation tasks. Other modules and plugins add tasks with
 * {@link TaskTypes#register}.
 */
public final class EvalModule extends InstallOnceModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TaskTypes.TYPE);
    }
}
