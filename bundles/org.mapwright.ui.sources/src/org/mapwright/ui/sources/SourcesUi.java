package org.mapwright.ui.sources;

import java.util.Objects;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.ui.SecretSink;

/**
 * Element ids this bundle contributes to the application model (through {@code fragment.e4xmi})
 * and the installation of its shared service, the {@link SecureCredentialStore}, into an
 * {@link IEclipseContext}.
 */
public final class SourcesUi {

    /** The database browser view (left stack, beside the project explorer). */
    public static final String PART_DATABASES = "org.mapwright.ui.sources.part.databases";
    /** The profile panel (bottom stack, beside preview and problems). */
    public static final String PART_PROFILE = "org.mapwright.ui.sources.part.profile";

    public static final String CMD_ADD_JSON = "org.mapwright.ui.sources.command.addJsonSource";
    public static final String CMD_ADD_EXCEL = "org.mapwright.ui.sources.command.addExcelSource";
    public static final String CMD_ADD_DATABASE = "org.mapwright.ui.sources.command.addDatabaseSource";

    private SourcesUi() {
    }

    /**
     * Puts a {@link SecureCredentialStore} over {@code storage} into the context, and makes the
     * context's {@link CredentialStore} answer from it first and then from the store that was
     * there before (environment variables, a protected file), so previews, runs and the
     * database browser find the passwords the wizards saved. Does nothing when the context holds
     * a {@link SecureCredentialStore} already. The store is also the context's
     * {@link SecretSink}, through which dialogs of {@code org.mapwright.ui} save passwords.
     *
     * @return the store
     */
    public static SecureCredentialStore installCredentials(IEclipseContext context, ISecurePreferences storage) {
        Objects.requireNonNull(context, "context");
        SecureCredentialStore present = context.getLocal(SecureCredentialStore.class);
        if (present != null) {
            // The application's life cycle installed it already, before the services that keep a store.
            if (context.getLocal(SecretSink.class) == null) {
                context.set(SecretSink.class, present);
            }
            return present;
        }
        SecureCredentialStore secure = new SecureCredentialStore(storage);
        CredentialStore before = context.get(CredentialStore.class);
        context.set(SecureCredentialStore.class, secure);
        context.set(SecretSink.class, secure);
        context.set(CredentialStore.class, before == null ? secure : SecureCredentialStore.firstOf(secure, before));
        return secure;
    }

    /**
     * @return a store over the user's default Eclipse secure storage, or null when the platform
     *         cannot provide one; for the application's life cycle, which builds the workbench's
     *         {@link CredentialStore} before any addon runs
     */
    public static SecureCredentialStore defaultSecureStore() {
        ISecurePreferences storage = org.eclipse.equinox.security.storage.SecurePreferencesFactory.getDefault();
        return storage == null ? null : new SecureCredentialStore(storage);
    }

    /** @return the credential key of a database source's password, e.g. {@code jdbc/src1a2b/password} */
    public static String passwordKey(String sourceId) {
        return "jdbc/" + sourceId + "/password";
    }
}
