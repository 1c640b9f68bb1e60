// What a CLI command is: a name, its help, its options, and a run function that
// returns the exit code. Commands register in cli.ts (name and summary there, so that
// help lists them without loading them).
import type { ParseArgsConfig } from "node:util";

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Command {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(ctx: CommandContext): Promise<number>;
}
