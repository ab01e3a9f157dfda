package io.hookdesk.cli;

import io.hookdesk.model.HookedTable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Table names as operators type them; an unknown one gets the list of valid ones. */
final class TableNames implements ITypeConverter<HookedTable> {

    static final String VALID = Arrays.stream(HookedTable.values()).map(HookedTable::sqlName)
            .collect(Collectors.joining(", "));

    static String unknown(String name) {
        return "unknown table '" + name + "'; the tables are: " + VALID;
    }

    @Override
    public HookedTable convert(String value) {
        return HookedTable.bySqlName(value).orElseThrow(() -> new TypeConversionException(unknown(value)));
    }
}
