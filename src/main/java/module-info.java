/**
 * COLO Console: a failover operator console for QEMU COLO.
 *
 * <p>Layers point one way: {@code qmp} (wire) → {@code colo} (domain) → {@code journal} → {@code engine} (the runtime)
 * → {@code app} (composition, CLI, profiles, lab) → {@code ui.*}.
 * Only {@code ui} reads JavaFX; only {@code qmp}, {@code journal} and {@code app.profile} read JSON.
 */
module org.coloconsole {
    requires com.fasterxml.jackson.databind;
    // the lab guest's and the service probes' HTTP
    requires java.net.http;
    requires info.picocli;
    requires javafx.controls;
    requires org.controlsfx.controls;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.material2;

    exports org.coloconsole;
    exports org.coloconsole.qmp;
    exports org.coloconsole.colo;
    exports org.coloconsole.journal;
    exports org.coloconsole.engine;
    exports org.coloconsole.app;
    exports org.coloconsole.app.lab;
    // javafx.graphics instantiates the Application subclass reflectively
    exports org.coloconsole.ui;

    // picocli builds commands, Jackson builds journal records and profiles, by reflection
    opens org.coloconsole.app.cli to info.picocli;
    opens org.coloconsole.journal to com.fasterxml.jackson.databind;
    opens org.coloconsole.app.profile to com.fasterxml.jackson.databind;
}
