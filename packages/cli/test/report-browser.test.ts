// `netpol report` in a real browser: Debian's Chromium driven by playwright-core. The page loads from a file with the
// network off and every non-file request refused; the matrix has the cells written below by hand for the fixture;
// a click on a cell shows its explanation; a filter narrows the matrix; a screenshot is taken.
// Chromium is installed with apt-get when it is missing and the tests run as root; otherwise they are skipped.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { netpol, REPO_ROOT, tempDir } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const FIXTURE = join(REPO_ROOT, "packages", "cli", "test", "fixtures", "report-small.yaml");

/** Installs Debian's chromium when missing and allowed; the reason the tests cannot run, or undefined. */
function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.getuid?.() !== 0) return `${CHROMIUM} is missing and installing it needs root (apt-get install chromium)`;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args: string[]) => spawnSync("apt-get", args, { encoding: "utf8", env, timeout: 600_000 });
  const update = run(["update", "-qq"]);
  const install = update.status === 0 ? run(["install", "-y", "-qq", "--no-install-recommends", "chromium"]) : update;
  if (install.status === 0 && existsSync(CHROMIUM)) return undefined;
  return `apt-get could not install chromium (exit ${install.status}): ${(install.stderr ?? "").trim().split("\n").at(-1)}`;
}

/** playwright-core, or the reason it cannot be loaded. */
async function loadPlaywright(): Promise<typeof import("playwright-core") | string> {
  try {
    return await import("playwright-core");
  } catch (e) {
    return `playwright-core cannot be loaded: ${(e as Error).message}`;
  }
}

const playwright = await loadPlaywright();
const skipped = typeof playwright === "string" ? playwright : chromiumMissing();
if (skipped !== undefined) console.warn(`netpol report browser tests skipped: ${skipped}`);

type Context = Awaited<ReturnType<typeof import("playwright-core")["chromium"]["launchPersistentContext"]>>;

describe.skipIf(skipped !== undefined)("netpol report in Chromium", () => {
  let context: Context;
  const requests: string[] = [];
  const refused: string[] = [];
  const errors: string[] = [];
  let url: string;

  beforeAll(async () => {
    if (typeof playwright === "string") return;
    const out = join(tempDir(), "report.html");
    const r = netpol(["report", FIXTURE, "-o", out]);
    if (r.status !== 0) throw new Error(`netpol report failed: ${r.stderr}`);
    url = pathToFileURL(out).href;
    context = await playwright.chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "netpol-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      viewport: { width: 1280, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    await context.route("**/*", (route) => {
      const target = route.request().url();
      if (target.startsWith("file:")) return route.continue();
      refused.push(target);
      return route.abort();
    });
    context.on("request", (request) => {
      requests.push(request.url());
    });
  }, 900_000);

  afterAll(async () => {
    await context?.close();
  });

  /** A fresh page of the report, loaded and rendered. */
  async function open() {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    return page;
  }

  it("loads offline, requesting nothing but its own file", async () => {
    const page = await open();
    expect(await page.title()).toBe(`netpol report: ${FIXTURE}`);
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    expect([...new Set(requests)]).toEqual([url]);
    await page.close();
  });

  it("shows the fixture's matrix: each pair's cell with what it allows", async () => {
    const page = await open();
    const cells = await page.$$eval("#matrix td[data-s]", (tds) =>
      tds.map((td) => `${td.getAttribute("title")} | ${td.textContent}`),
    );
    const api = "back/api[Deployment]";
    const db = "back/db[StatefulSet]";
    const web = "front/web[Deployment]";
    const ext = "0.0.0.0-255.255.255.255[External]";
    // Rows in order: back (api, db), front (web), then the external addresses; a cell shows "All" for everything.
    expect(cells).toEqual([
      `${api} => ${db}: TCP 5432 | TCP 5432`,
      `${api} => ${web}: All Connections | All`,
      `${api} => ${ext}: All Connections | All`,
      `${db} => ${api}: No Connections | `,
      `${db} => ${web}: All Connections | All`,
      `${db} => ${ext}: All Connections | All`,
      `${web} => ${api}: TCP 9000 | TCP 9000`,
      `${web} => ${db}: No Connections | `,
      `${web} => ${ext}: All Connections | All`,
      `${ext} => ${api}: No Connections | `,
      `${ext} => ${db}: No Connections | `,
      `${ext} => ${web}: All Connections | All`,
    ]);
    const groups = await page.$$eval("#matrix thead th.group", (ths) => ths.map((th) => th.textContent));
    expect(groups).toEqual(["back", "front", "External addresses"]);
    await page.close();
  });

  it("shows a cell's explanation on a click: policies and rules each way", async () => {
    const page = await open();
    await page.click('#matrix td[title^="front/web[Deployment] => back/api[Deployment]"]');
    const text = (await page.locator("#explanation").textContent()) ?? "";
    expect(text).toContain("front/web[Deployment] => back/api[Deployment]");
    expect(text).toContain("Allowed: TCP 9000");
    expect(text).toContain("Allowed TCP:[9000]");
    expect(text).toContain("Egress (Allowed) due to the system default (Allow all)");
    expect(text).toContain("NetworkPolicy 'back/api-from-web' allows connections by Ingress rule #1");
    expect(text).toContain("Denied TCP:[1-8999,9001-65535], UDP, SCTP");
    // A denied pair says why.
    await page.click('#matrix td[title^="back/db[StatefulSet] => back/api[Deployment]"]');
    const denied = (await page.locator("#explanation").textContent()) ?? "";
    expect(denied).toContain("Allowed: No Connections");
    expect(denied).toContain(
      "NetworkPolicy 'back/default-deny' selects back/api[Deployment], but back/db[StatefulSet] is not allowed by any Ingress rule (no rules defined)",
    );
    await page.close();
  });

  it("lays out the graph with dagre, and narrows matrix and graph with the filters", async () => {
    const page = await open();
    expect(await page.locator("#graph svg.graph g.node").count()).toBe(4);
    expect(await page.locator("#graph svg.graph g.edge").count()).toBe(8);
    // An edge explains its pair too.
    await page.locator("#graph g.edge", { hasText: "TCP 5432" }).locator("text").click();
    expect(await page.locator("#explanation h3").textContent()).toBe("back/api[Deployment] => back/db[StatefulSet]");
    await page.fill("#f-ns", "back");
    expect(await page.locator("#matrix td[data-s]").count()).toBe(2);
    expect(await page.locator("#graph svg.graph g.node").count()).toBe(2);
    await page.fill("#f-ns", "");
    await page.fill("#f-workload", "no-such-workload");
    expect(await page.locator("#matrix").textContent()).toBe("No peer matches the filters.");
    await page.fill("#f-workload", "we");
    expect(await page.locator("#matrix th.peer.row").allTextContents()).toEqual(["web"]);
    await page.fill("#f-workload", "");
    await page.fill("#f-port", "tcp/9000");
    // Only web → api allows TCP 9000 besides the pairs that allow everything.
    const shown = await page.$$eval("#matrix td.allow", (tds) => tds.map((td) => td.getAttribute("title")));
    expect(shown).toContain("front/web[Deployment] => back/api[Deployment]: TCP 9000");
    expect(shown).not.toContain("back/api[Deployment] => back/db[StatefulSet]: TCP 5432");
    await page.close();
  });

  it("with --diff, marks the changed cells and can show only them", async () => {
    // The old input lacks the policy db-from-api: nothing reached db, so api → db is added now.
    const dir = tempDir();
    const text = readFileSync(FIXTURE, "utf8");
    const old = join(dir, "old.yaml");
    writeFileSync(old, text.slice(0, text.indexOf("\n---", text.indexOf("api-from-web"))));
    const out = join(dir, "diff.html");
    expect(netpol(["report", FIXTURE, "--diff", old, "-o", out]).status).toBe(0);
    const page = await context.newPage();
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    expect(await page.locator("#diff-summary").textContent()).toBe(
      `Against ${old}: 1 added, 0 removed, 0 changed connections.`,
    );
    const marked = await page.$$eval("#matrix td.d-added", (tds) => tds.map((td) => td.getAttribute("title")));
    expect(marked).toEqual(["back/api[Deployment] => back/db[StatefulSet]: TCP 5432"]);
    expect(await page.locator("#graph g.edge.d-added").count()).toBe(1);
    await page.check("#f-changes");
    expect(await page.locator("#matrix td.allow").count()).toBe(1);
    await page.click('#matrix td[title^="back/api[Deployment] => back/db[StatefulSet]"]');
    expect(await page.locator("#explanation .change").textContent()).toBe(
      `Change: added (${old}: No Connections; ${FIXTURE}: TCP 5432)`,
    );
    await page.close();
    // The other way round, the connection is removed: its cell and edge are marked, though it allows nothing now.
    const back = join(dir, "back.html");
    expect(netpol(["report", old, "--diff", FIXTURE, "-o", back]).status).toBe(0);
    const page2 = await context.newPage();
    await page2.goto(pathToFileURL(back).href);
    await page2.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    const removed = await page2.$$eval("#matrix td.d-removed", (tds) =>
      tds.map((td) => `${td.getAttribute("title")} | ${td.textContent}`),
    );
    expect(removed).toEqual(["back/api[Deployment] => back/db[StatefulSet]: No Connections | \u2715"]);
    expect(await page2.locator("#graph g.edge.d-removed text").textContent()).toBe("removed: TCP 5432");
    await page2.close();
  });

  it("shows names from the input as text, never as markup", async () => {
    // The path holds "</script>" (the directory "<" then the file "script>…") and markup with handlers.
    const dir = tempDir();
    mkdirSync(join(dir, "<"));
    const evil = join(dir, "<", 'script><img src=x onerror="window.pwned=1"><script>window.pwned=2.yaml');
    expect(evil).toContain('</script><img src=x onerror="window.pwned=1"><script>window.pwned=2');
    copyFileSync(FIXTURE, evil);
    const out = join(dir, "evil.html");
    expect(netpol(["report", evil, "--diff", evil, "-o", out]).status).toBe(0);
    const page = await context.newPage();
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("h1").textContent()).toBe(`netpol report: ${evil}`);
    expect(await page.locator("#diff-summary").textContent()).toBe(
      `Against ${evil}: 0 added, 0 removed, 0 changed connections.`,
    );
    expect(refused).toEqual([]);
    expect(requests.every((r) => r.startsWith("file:"))).toBe(true);
    await page.close();
  });

  it("takes a screenshot", async () => {
    const page = await open();
    await page.click('#matrix td[title^="front/web[Deployment] => back/api[Deployment]"]');
    const file = join(tempDir(), "report.png");
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
