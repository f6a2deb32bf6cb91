#!/usr/bin/env node
import { runCli } from './cli.js';

// Exit explicitly: backend thread pools may otherwise keep the process alive after the command.
process.exit(await runCli(process.argv.slice(2)));
