package org.coloconsole.ui.log;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** Which clock the log's times are read on: the desktop's zone (the default) or UTC (what tickets and QEMU hosts share). */
public enum LogTimes {
    LOCAL,
    UTC;

    /** The zone the times are shown in, given the desktop's own. */
    public ZoneId zone(ZoneId local) {
        return this == UTC ? ZoneOffset.UTC : local;
    }
}
