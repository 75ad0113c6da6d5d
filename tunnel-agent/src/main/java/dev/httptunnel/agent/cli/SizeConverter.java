package dev.httptunnel.agent.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads byte sizes as a user types them: {@code 65536}, {@code 64KB}, {@code 1MB}, {@code 2GB} (powers of 1024). */
public final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(|b|k|kb|m|mb|g|gb)");

    @Override
    public Long convert(String text) {
        Matcher size = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!size.matches()) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a size (examples: 65536, 64KB, 1MB)");
        }
        long amount = Long.parseLong(size.group(1));
        int shift = switch (size.group(2)) {
            case "k", "kb" -> 10;
            case "m", "mb" -> 20;
            case "g", "gb" -> 30;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
        return amount << shift;
    }
}
