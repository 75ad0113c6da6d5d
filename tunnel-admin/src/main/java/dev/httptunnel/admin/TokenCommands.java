package dev.httptunnel.admin;

import dev.httptunnel.identity.NamePattern;
import dev.httptunnel.lambda.port.NameTakenException;
import dev.httptunnel.lambda.port.TokenRecord;
import dev.httptunnel.lambda.service.NoSuchTokenException;
import dev.httptunnel.lambda.service.TokenAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code token create|list|revoke|grant|ungrant}: the owner's operations on agent tokens, run against one
 * {@link TokenAdmin}. The same tree runs in this command for a deployed stack and inside the local gateway
 * for its own storage, so both answer alike.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Agent tokens: an agent presents one to open a tunnel; each owns a permanent default name.",
        subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class,
                TokenCommands.Grant.class, TokenCommands.Ungrant.class})
public final class TokenCommands {

    /** Exit status of an operation the store refused: a name held by another token, an unknown token. */
    public static final int REFUSED = 1;

    private final Supplier<TokenAdmin> admin;

    private TokenCommands(Supplier<TokenAdmin> admin) {
        this.admin = admin;
    }

    /** Runs {@code token <args>} against {@code admin}, writing to {@code out} and {@code err}. */
    public static int execute(Supplier<TokenAdmin> admin, List<String> args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new TokenCommands(admin), new Factory(admin))
                .setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("tunnel-admin: " + refusal(e));
                    return REFUSED;
                });
        int status = command.execute(args.toArray(String[]::new));
        out.flush();
        err.flush();
        return status;
    }

    private static String refusal(Exception e) {
        if (e instanceof NameTakenException taken) {
            return "the name '" + taken.name() + "' belongs to another token; a name is one token's, ever";
        }
        if (e instanceof NoSuchTokenException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Gives each subcommand the same store; picocli builds them. */
    private record Factory(Supplier<TokenAdmin> admin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (Operation.class.isAssignableFrom(type)) {
                K operation = CommandLine.defaultFactory().create(type);
                ((Operation) operation).admin = admin;
                return operation;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    abstract static class Operation implements Callable<Integer> {
        Supplier<TokenAdmin> admin;

        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Creates a token and prints its secret, this once: the service keeps only its hash.",
                    "The token owns a permanent default name (random unless --name), so its agent gets the same "
                            + "URL every time."})
    static final class Create extends Operation {
        @Option(names = "--name", paramLabel = "NAME",
                description = "The token's default name instead of a random one (a DNS label).")
        String name;

        @Option(names = "--grant", paramLabel = "NAME|PREFIX-*",
                description = "Further names it may serve with the agent's --name: an exact name (claimed now) "
                        + "or a prefix pattern such as 'alice-*' (a name is claimed on first use). Repeatable.")
        List<String> grants = List.of();

        @Option(names = "--quiet", description = "Print only the secret, for scripts.")
        boolean quiet;

        @Override
        public Integer call() {
            var created = admin.get().create(Optional.ofNullable(name),
                    grants.stream().map(NamePattern::of).toList());
            if (quiet) {
                out().println(created.token().secret());
                return 0;
            }
            TokenRecord record = created.record();
            out().println("Created token " + record.displayPrefix() + " with the default name "
                    + record.defaultName() + (record.grants().isEmpty() ? "." : " and grants " + record.grants() + "."));
            out().println();
            out().println("  " + created.token().secret());
            out().println();
            out().println("This is the only time the secret is shown. Hand it to the developer, who runs");
            out().println("  tunnel-agent config add-token <token>      (or sets TUNNEL_TOKEN)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every token: prefix, default name, grants, names held, created, last used, status. "
                    + "Never a secret.")
    static final class ListTokens extends Operation {
        @Override
        public Integer call() {
            TokenTable.print(admin.get().list(), out());
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revokes a token: its live tunnels are closed now and its next connects refused (403).",
                    "Its names stay its own: no other token can serve them."})
    static final class Revoke extends Operation {
        @Parameters(paramLabel = "TOKEN", description = "The token's prefix as listed (htun_Ab12Cd), its hash or its secret.")
        String token;

        @Override
        public Integer call() {
            var revocation = admin.get().revoke(token);
            int closed = revocation.closedConnections().size();
            out().println("Revoked " + revocation.token().displayPrefix() + "; closed " + closed + " live "
                    + (closed == 1 ? "connection" : "connections") + ".");
            return 0;
        }
    }

    /** A change to one token's grants: {@code TOKEN NAME|PREFIX-*}. */
    abstract static class GrantChange extends Operation {
        @Parameters(index = "0", paramLabel = "TOKEN", description = "The token's prefix, hash or secret.")
        String token;

        @Parameters(index = "1", paramLabel = "NAME|PREFIX-*", description = "The name or prefix pattern.")
        String pattern;

        abstract TokenRecord apply(TokenAdmin tokens, NamePattern grant);

        abstract String done();

        @Override
        public Integer call() {
            TokenRecord record = apply(admin.get(), NamePattern.of(pattern));
            out().println(record.displayPrefix() + " " + done() + " " + pattern + "; its grants: " + record.grants());
            return 0;
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Lets a token serve a name (claimed now) or every name with a prefix ('alice-*').")
    static final class Grant extends GrantChange {
        @Override
        TokenRecord apply(TokenAdmin tokens, NamePattern grant) {
            return tokens.grant(token, grant);
        }

        @Override
        String done() {
            return "may now serve";
        }
    }

    @Command(name = "ungrant", mixinStandardHelpOptions = true,
            description = "Withdraws a grant. Names already claimed through it stay the token's, unserved.")
    static final class Ungrant extends GrantChange {
        @Override
        TokenRecord apply(TokenAdmin tokens, NamePattern grant) {
            return tokens.ungrant(token, grant);
        }

        @Override
        String done() {
            return "no longer serves";
        }
    }
}
