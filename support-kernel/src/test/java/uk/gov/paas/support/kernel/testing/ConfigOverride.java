package uk.gov.paas.support.kernel.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@code @ConfigMapping} interface with some of its values replaced, the rest read from the real one (for tests that build a bean by hand). */
public final class ConfigOverride {

    private ConfigOverride() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> mapping, T real, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(mapping.getClassLoader(), new Class<?>[] {mapping}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
