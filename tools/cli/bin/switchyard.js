#!/usr/bin/env node
// The installed `switchyard` command: npm links this committed file at install time, before
// the build writes dist/, so it only loads the built CLI.
import "../dist/main.js";
