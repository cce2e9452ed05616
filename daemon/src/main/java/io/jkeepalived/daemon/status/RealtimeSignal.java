package io.jkeepalived.daemon.status;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A handler for a real-time signal, which {@code sun.misc.Signal} cannot name ("RTMIN+2" is unknown to the JVM's
 * signal table) although the JVM's signal dispatcher delivers any number below NSIG. keepalived answers SIGRTMIN+2
 * (36 with glibc, whose SIGRTMIN is 34) with its JSON dump, and exporters send it.
 *
 * <p>The JDK's internal {@code jdk.internal.misc.Signal} is built for a valid name and then given the number; this
 * needs {@code java.base/jdk.internal.misc} opened to us: the jar's manifest has {@code Add-Opens} (the launcher
 * runs {@code java -jar}), other launches need {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}.
 * Without it {@link #handle} says why and the signal keeps its default action (terminate), as before.
 */
final class RealtimeSignal {
    /** glibc's SIGRTMIN on Linux (the kernel's 32 plus the two glibc keeps for threads). */
    static final int SIGRTMIN = 34;

    private RealtimeSignal() {
    }

    /**
     * Installs {@code action} for signal {@code number}, run on the JVM's signal dispatcher thread.
     *
     * @return null when installed, else why not
     */
    static String handle(int number, String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("jdk.internal.misc.Signal");
            Class<?> handler = Class.forName("jdk.internal.misc.Signal$Handler");
            Constructor<?> byName = signal.getConstructor(String.class);
            Object sig = byName.newInstance("HUP"); // any name the JVM knows; the number is replaced below
            Field n = signal.getDeclaredField("number");
            n.setAccessible(true);
            n.setInt(sig, number);
            Field nm = signal.getDeclaredField("name");
            nm.setAccessible(true);
            nm.set(sig, name);
            InvocationHandler ih = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                if (method.getName().equals("toString")) {
                    return "handler of SIG" + name;
                }
                return method.getDeclaringClass() == Object.class && method.getName().equals("hashCode")
                        ? System.identityHashCode(proxy) : (Object) Boolean.valueOf(proxy == args[0]);
            };
            Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, ih);
            Method install = signal.getMethod("handle", signal, handler);
            install.invoke(null, sig, h);
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            return cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + " (run with --add-opens java.base/jdk.internal.misc=ALL-UNNAMED)";
        }
    }
}
