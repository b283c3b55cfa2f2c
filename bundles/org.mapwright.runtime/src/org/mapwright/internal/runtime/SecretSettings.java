package org.mapwright.internal.runtime;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises settings that hold a secret instead of naming one. Secrets belong in a credential
 * store, referenced by key ({@code credentialKey}); a setting called {@code password} or a URL with
 * a password in it would leak through project files, parameters and exports.
 */
public final class SecretSettings {

    private static final String[] SECRET_WORDS = { "password", "passwd", "pwd", "secret", "token", "apikey", "api_key",
            "privatekey", "private_key", "passphrase" };
    private static final Pattern INLINE_SECRET = Pattern.compile(
            "(?i).*\\b(password|passwd|pwd|secret|token|apikey|api_key|passphrase)\\s*=\\s*[^\\s;&]+.*", Pattern.DOTALL);
    private static final Pattern URL_USER_INFO = Pattern.compile(".*://[^/\\s:@]+:[^/\\s@]+@.*", Pattern.DOTALL);

    private SecretSettings() {
    }

    /** @return whether a setting's name says it holds a secret, e.g. {@code password}, {@code apiToken} */
    public static boolean isSecretName(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return why a setting's value looks like it carries a secret ({@code password=...} in a
     *         property list, {@code user:pass@} in a URL), or null
     */
    public static String secretInValue(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        if (INLINE_SECRET.matcher(s).matches()) {
            return "it contains a password or token assignment";
        }
        if (URL_USER_INFO.matcher(s).matches()) {
            return "it is a URL with a password before the host";
        }
        return null;
    }
}
