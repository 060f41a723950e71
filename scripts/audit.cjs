// Accessibility and layout audit of gen-report's HTML pages in headless Chromium (run by
// scripts/audit.sh, which finds the tools): axe-core on each page at 390 px and 1280 px on
// screen and in print media, and a check that no page is wider than the phone's viewport.
//
//   node scripts/audit.cjs TOOLS_DIR CHROMIUM PAGE.html...
//
// TOOLS_DIR holds node_modules/axe-core and node_modules/puppeteer-core. Prints one line per
// page and mode and every violation with its nodes; exits 1 when there is one.
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");

const [tools, chromium, ...pages] = process.argv.slice(2);
const need = (name) => require(path.join(tools, "node_modules", name));
const puppeteer = need("puppeteer-core");
const axeSource = require("fs").readFileSync(path.join(tools, "node_modules", "axe-core", "axe.min.js"), "utf8");

// Screen at a phone's and a desktop's width, and print on A4 (210 mm at 96 dpi: 794 px).
const MODES = [
  { name: "390px", width: 390, height: 844, media: "screen" },
  { name: "1280px", width: 1280, height: 900, media: "screen" },
  { name: "print", width: 794, height: 1123, media: "print" },
];

// pdftotext (poppler-utils) reads the printed pages back; without it, that check is skipped.
const { execFileSync } = require("child_process");
const pdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch (e) {
    console.log("(pdftotext not found: the check for headings at the foot of a printed page is skipped)");
    return false;
  }
})();

// Prints the page as Chromium does (its @page rules: A4, landscape pages) and returns the
// headings and table captions that end a page: the last line of the page, before its page
// number, where the heading is printed (its last occurrence: the 目录 lists it earlier).
async function orphanedHeadings(page) {
  const norm = (t) => t.replace(/\s+/g, "");
  const texts = (await page.evaluate(() => [...document.querySelectorAll("main h2, main h3, main h4, main h5, main h6, caption .cap-title, h1")].map((e) => e.textContent))).map(norm).filter((t) => t.length > 0);
  const os = require("os"), fs = require("fs");
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "print.pdf");
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\f").map((p) => p.split("\n").map(norm).filter((l) => l.length > 0));
  fs.rmSync(path.dirname(pdf), { recursive: true, force: true });
  const last = new Map();
  pages.forEach((lines, i) => lines.forEach((l) => { if (texts.includes(l)) last.set(l, i); }));
  const found = [];
  pages.forEach((lines, i) => {
    // The page number, and a caption's 部门/单位 line, under the heading do not count.
    const body = lines.filter((l) => !/^[0-9]+$/.test(l) && !/^(部门|单位|单位名称)：/.test(l));
    const end = body[body.length - 1];
    if (end && i < pages.length - 1 && last.get(end) === i) found.push(end);
  });
  return found;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // Offline machine: no background traffic that a closed network would refuse.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  let failures = 0;
  try {
    for (const file of pages) {
      const url = pathToFileURL(path.resolve(file)).href;
      for (const mode of MODES) {
        const page = await browser.newPage();
        await page.setViewport({ width: mode.width, height: mode.height });
        await page.emulateMediaType(mode.media);
        await page.goto(url, { waitUntil: "load" });
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary || "").split("\n").slice(0, 3).join(" ") })) }));
        });
        // A page wider than the viewport scrolls sideways as a whole (wide tables scroll
        // inside their own box instead).
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        const problems = result.slice();
        if (mode.media === "screen" && width > mode.width) {
          problems.push({ id: "page-wider-than-viewport", impact: "serious", help: `the page is ${width} px wide in a ${mode.width} px viewport`, nodes: [] });
        }
        if (mode.media === "print" && pdftotext) {
          for (const text of await orphanedHeadings(page)) {
            problems.push({ id: "heading-at-page-foot", impact: "moderate", help: `“${text}” is the last line of a printed page: its table or text starts on the next`, nodes: [] });
          }
        }
        const label = `${path.relative(process.cwd(), file) || file} @ ${mode.name}`;
        if (problems.length === 0) {
          console.log(`ok    ${label}`);
        } else {
          failures += problems.length;
          console.log(`FAIL  ${label}: ${problems.length} violation(s)`);
          for (const v of problems) {
            console.log(`      ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s)`);
            for (const n of v.nodes.slice(0, 5)) {
              console.log(`        ${n.target}: ${n.html}`);
              if (n.summary) console.log(`          ${n.summary}`);
            }
          }
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`axe-core: ${pages.length} page(s) × ${MODES.length} modes, ${failures} violation(s)`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(`audit.cjs: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
