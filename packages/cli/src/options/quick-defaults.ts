import type { Command } from 'commander';

/**
 * The command's option values, where `--quick` replaces every value the user left at its default
 * by the smoke-run value from `quick`. Options given on the command line always win.
 */
export function optionsWithQuickDefaults<T extends object>(command: Command, quick: Partial<T>): T {
  const options = command.opts<T & { quick?: boolean }>();
  if (!options.quick) return options;
  const merged: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(quick)) {
    if (command.getOptionValueSource(key) === 'default') merged[key] = value;
  }
  return merged as T;
}
