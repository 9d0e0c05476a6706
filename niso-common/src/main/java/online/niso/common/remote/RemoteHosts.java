package online.niso.common.remote;

import online.niso.common.model.HostSpec;

/**
 * Hands out one {@link RemoteHost} per fleet host for the whole run: the connection is opened on
 * first use and reused by every later call, and {@link #close()} closes them all.
 */
public interface RemoteHosts extends AutoCloseable {

    RemoteHost get(HostSpec host);

    @Override
    void close();
}
