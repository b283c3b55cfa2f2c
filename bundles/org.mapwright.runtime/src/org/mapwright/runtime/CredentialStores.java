package org.mapwright.runtime;

import java.util.List;
import java.util.Optional;

import org.mapwright.core.connector.CredentialStore;

/** Combinations of credential stores. */
public final class CredentialStores {

    private CredentialStores() {
    }

    /** @return a store asking each store in order and answering with the first secret found */
    public static CredentialStore firstOf(List<CredentialStore> stores) {
        List<CredentialStore> copy = List.copyOf(stores);
        return key -> {
            for (CredentialStore s : copy) {
                Optional<String> v = s.secret(key);
                if (v.isPresent()) {
                    return v;
                }
            }
            return Optional.empty();
        };
    }
}
