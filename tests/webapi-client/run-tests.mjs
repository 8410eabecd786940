// Starts the sandbox host on a free port (the Release build .ci/run makes), runs the tests in test/ against it with
// node's test runner (TAP, so .ci/run can count), then stops the host with SIGTERM and exits with the tests' status.
// With SPM_SANDBOX_URL set (e.g. http://127.0.0.1:5080/), it uses that running host instead: it must be freshly seeded.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, "..", "..");
const hostDll = join(repository, "sandbox", "Spm.Sandbox", "bin", "Release", "net10.0", "spm-sandbox.dll");
const startTimeoutMs = 120_000;

/** Starts the host and resolves with its base URL once it prints "Web API:        http://127.0.0.1:<port>/api/data/v9.2/". */
function startHost() {
  if (!existsSync(hostDll)) {
    throw new Error(`${hostDll} does not exist: build first (dotnet build SpmAddin.sln -c Release).`);
  }

  const host = spawn("dotnet", [hostDll, "--port", "0"], { cwd: repository, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host printed no Web API URL within ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
    host.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /^Web API:\s+(http:\/\/127\.0\.0\.1:\d+\/)api\/data\/v9\.2\/$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    host.stderr.on("data", (chunk) => (output += chunk));
    host.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (code ${code}) before it was up:\n${output}`));
    });
  });
  return { host, url, output: () => output };
}

function run(command, args, env) {
  return new Promise((resolveCode) => {
    const child = spawn(command, args, { cwd: here, stdio: "inherit", env });
    child.on("exit", (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}

function stop(host) {
  return new Promise((resolveStop) => {
    if (host.exitCode !== null) {
      resolveStop(host.exitCode);
      return;
    }

    const kill = setTimeout(() => host.kill("SIGKILL"), 30_000);
    host.on("exit", (code) => {
      clearTimeout(kill);
      resolveStop(code);
    });
    host.kill("SIGTERM");
  });
}

let started = null;
let baseUrl = process.env.SPM_SANDBOX_URL;
try {
  if (!baseUrl) {
    started = startHost();
    baseUrl = await started.url;
  }

  const code = await run(process.execPath, ["--test", "--test-reporter=tap", "--test-concurrency=1", "test/"], { ...process.env, SPM_SANDBOX_URL: baseUrl });
  const stopped = started ? await stop(started.host) : 0;
  if (stopped !== 0) {
    console.error(`The host did not stop cleanly (exit code ${stopped}):\n${started.output()}`);
  }

  process.exitCode = code !== 0 ? code : stopped === 0 ? 0 : 1;
} catch (error) {
  console.error(error.message);
  if (started) {
    await stop(started.host);
  }

  console.log("# pass 0\n# fail 1");
  process.exitCode = 1;
}
