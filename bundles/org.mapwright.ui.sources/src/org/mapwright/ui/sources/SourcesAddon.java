package org.mapwright.ui.sources;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;

import jakarta.annotation.PostConstruct;

/**
 * Model addon (contributed by this bundle's model fragment) that installs Eclipse secure storage
 * as the workbench's credential store, unless the application's life cycle did so already.
 * Addons start after the life cycle created the workbench services, so the store it wraps is
 * already in the context; services that took the store at creation (the background preview) only
 * see secure storage when the life cycle installs it (see {@link SourcesUi#defaultSecureStore()}).
 */
public final class SourcesAddon {

    @PostConstruct
    void install(IEclipseContext context) {
        if (context.getLocal(SecureCredentialStore.class) != null) {
            return;
        }
        ISecurePreferences storage = SecurePreferencesFactory.getDefault();
        if (storage != null) {
            SourcesUi.installCredentials(context, storage);
        }
    }
}
