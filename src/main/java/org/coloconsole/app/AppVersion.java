package org.coloconsole.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, as Maven wrote it into the build. */
public final class AppVersion {
    private AppVersion() {
    }

    public static String current() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
