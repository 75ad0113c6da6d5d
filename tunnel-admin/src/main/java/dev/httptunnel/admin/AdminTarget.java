package dev.httptunnel.admin;

import java.io.PrintWriter;
import java.util.List;

/** Where the token operations run: a deployed stack, or the local gateway. */
interface AdminTarget {

    /** A line saying which, for the operator. */
    String describe();

    /** Runs {@code token <tokenArgs>} there; the exit status. */
    int run(List<String> tokenArgs, PrintWriter out, PrintWriter err);
}
