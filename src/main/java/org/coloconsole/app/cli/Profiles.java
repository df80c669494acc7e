package org.coloconsole.app.cli;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.coloconsole.app.profile.ConnectionProfile;
import org.coloconsole.app.profile.ProfileStore;
import picocli.CommandLine;

/**
 * The saved profiles as {@code --profile NAME} reads them. The store is made only when a profile is asked for: a
 * one-shot command without {@code --profile} never reads it (nor loads Jackson for it).
 */
final class Profiles {
    private final Supplier<ProfileStore> store;

    Profiles(Supplier<ProfileStore> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The profile called {@code name}.
     *
     * @throws CommandLine.ParameterException (exit 2) with a sentence when there is none or the file cannot be read
     */
    ConnectionProfile named(CommandLine line, String name) {
        ProfileStore profiles = store.get();
        try {
            List<ConnectionProfile> all = profiles.list();
            return all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new CommandLine.ParameterException(line, "--profile: there is no profile named " + name + " in "
                            + profiles.file() + (all.isEmpty() ? " (it has none; save one with Connect… in the window)"
                            : " (there are: " + String.join(", ", all.stream().map(ConnectionProfile::name)
                            .toList()) + ")")));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(line, "--profile: the profiles cannot be read: " + e.getMessage());
        }
    }

    /** Makes the pair options with this lookup, and everything else as picocli would. */
    static CommandLine.IFactory factory(Profiles profiles) {
        CommandLine.IFactory standard = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                return cls == PairOptions.class ? (K) new PairOptions(profiles) : standard.create(cls);
            }
        };
    }
}
