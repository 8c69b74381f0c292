import type { Client } from "@connectrpc/connect";
import type { AccountService } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress is redrawn in place there. */
  readonly interactive: boolean;
}

/** What every command gets: the router's clients, the output, and whether to print JSON. */
export interface CommandContext {
  readonly router: Client<typeof RouterService>;
  readonly account: Client<typeof AccountService>;
  readonly output: CliOutput;
  readonly json: boolean;
  /** Cancels calls when the user presses Ctrl-C. */
  readonly signal: AbortSignal;
}

/** A command: parses its own arguments (after the command word) and runs. */
export interface Command {
  readonly name: string;
  /** One line for `switchyard --help`. */
  readonly summary: string;
  /** The full usage text for `switchyard <command> --help`. */
  readonly usage: string;
  run(args: readonly string[], context: CommandContext): Promise<void>;
}
