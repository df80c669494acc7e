package org.coloconsole.app.cli;

import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.EndpointFormatException;
import picocli.CommandLine;

/** Lets picocli read endpoints, reporting a bad one as a usage error that names what is wrong. */
final class EndpointConverter implements CommandLine.ITypeConverter<Endpoint> {
    @Override
    public Endpoint convert(String value) {
        try {
            return Endpoint.parse(value);
        } catch (EndpointFormatException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
