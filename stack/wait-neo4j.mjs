// Waits until Neo4j answers a real Bolt query (RETURN 1) with the configured credentials: an open port alone is not
// readiness, since Neo4j accepts connections before the databases and the auth store are up.
// Usage: node stack/wait-neo4j.mjs URI USER TIMEOUT_SECONDS [PID]; the password comes from NEO4J_PASSWORD.
// Exits 0 when ready, 1 on timeout, 2 when the process PID has died (no point waiting for it).
import neo4j from "neo4j-driver";

const [uri, user, timeoutArg, pidArg] = process.argv.slice(2);
const password = process.env.NEO4J_PASSWORD ?? "";
if (!uri || !user || !timeoutArg) {
  console.error("usage: node stack/wait-neo4j.mjs URI USER TIMEOUT_SECONDS [PID]");
  process.exit(64);
}
const deadline = Date.now() + Number(timeoutArg) * 1000;
const pid = pidArg ? Number(pidArg) : undefined;

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

let lastError = "no attempt made";
while (Date.now() < deadline) {
  if (pid !== undefined && !alive(pid)) {
    console.error(`neo4j process ${pid} exited before it answered on ${uri}`);
    process.exit(2);
  }
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
    logging: { level: "error", logger: () => {} },
  });
  try {
    const { records } = await driver.executeQuery("RETURN 1 AS one");
    if (records[0]?.get("one").toNumber?.() === 1 || records[0]?.get("one") === 1) {
      await driver.close();
      process.exit(0);
    }
    lastError = "RETURN 1 returned an unexpected result";
  } catch (error) {
    lastError = error instanceof Error ? error.message : String(error);
  }
  await driver.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.error(`neo4j did not answer RETURN 1 on ${uri} within ${timeoutArg}s; last error: ${lastError}`);
process.exit(1);
