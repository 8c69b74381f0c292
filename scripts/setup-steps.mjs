// Set-up steps shared by `npm start` and `npm test`. Plain Node with no dependencies: these
// run before `npm ci` has installed anything.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** Runs a command with inherited output; exits the script when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Installs npm packages when node_modules is missing or older than the lockfile. */
export function ensureNodeModules(root) {
  const marker = join(root, "node_modules/.package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("switchyard: installing npm packages (npm ci)...");
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root });
}

/** Finds nats-server, installing Debian's package when missing and running as root. */
export function ensureNatsServer() {
  const found = findNatsServer();
  if (found) return found;
  if (typeof process.getuid === "function" && process.getuid() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("switchyard: installing nats-server from apt...");
    const install = spawnSync("apt-get", ["install", "-y", "-q", "nats-server"], { stdio: "inherit" });
    if (install.status !== 0) {
      run("apt-get", ["update", "-q"]);
      run("apt-get", ["install", "-y", "-q", "nats-server"]);
    }
    const installed = findNatsServer();
    if (installed) return installed;
  }
  console.error(
    "switchyard: nats-server is not installed.\n" +
      "  Debian/Ubuntu: sudo apt-get install nats-server\n" +
      "  macOS:         brew install nats-server\n" +
      "  or download it from https://github.com/nats-io/nats-server/releases and set NATS_SERVER_BIN=/path/to/nats-server",
  );
  process.exit(1);
}

function findNatsServer() {
  if (process.env.NATS_SERVER_BIN && existsSync(process.env.NATS_SERVER_BIN)) return process.env.NATS_SERVER_BIN;
  for (const directory of `${process.env.PATH ?? ""}:/usr/sbin:/usr/local/bin`.split(":")) {
    if (directory && existsSync(join(directory, "nats-server"))) return join(directory, "nats-server");
  }
  try {
    return execFileSync("sh", ["-c", "command -v nats-server"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Debian packages of the generated clients: protoc and its plugins (`npm run generate:clients`),
 * Python's and Go's gRPC runtimes (examples/python-backend and examples/go-backend, which the
 * e2e suite runs). golang/protobuf 1.5 is named because apt picks the 1.3 sources otherwise, and
 * grpc's codec panics on today's generated messages with those.
 */
export const clientToolchainPackages = [
  "protobuf-compiler",
  "protobuf-compiler-grpc",
  "protoc-gen-go",
  "protoc-gen-go-grpc",
  "python3-grpcio",
  "python3-protobuf",
  "golang-go",
  "golang-google-grpc-dev",
  "golang-google-protobuf-dev",
  "golang-github-golang-protobuf-1-5-dev",
];

/**
 * Installs the client toolchains from apt when some are missing and this runs as root; otherwise
 * names what is missing and goes on (the clients test then fails saying the same).
 */
export function ensureClientToolchains() {
  const missing = clientToolchainPackages.filter((name) => spawnSync("dpkg", ["-s", name], { stdio: "ignore" }).status !== 0);
  if (missing.length === 0) return;
  if (typeof process.getuid === "function" && process.getuid() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log(`switchyard: installing ${missing.join(" ")} from apt...`);
    const install = spawnSync("apt-get", ["install", "-y", "-q", ...missing], { stdio: "inherit" });
    if (install.status === 0) return;
    run("apt-get", ["update", "-q"]);
    run("apt-get", ["install", "-y", "-q", ...missing]);
    return;
  }
  console.warn(`switchyard: the Python and Go client tests need: sudo apt-get install ${missing.join(" ")}`);
}

/** Builds every package (codegen included) through turbo; `quiet` keeps stdout clean for tools. */
export function build(root, { quiet = false } = {}) {
  if (!quiet) console.log("switchyard: building...");
  run("npx", ["turbo", "run", "build", "--output-logs=errors-only"], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
}

/** Stops `running` (a stack or a cluster) once on Ctrl-C or SIGTERM, then exits. */
export function stopOnSignals(running) {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nswitchyard: stopping...");
    await running.stop();
    console.log("switchyard: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
