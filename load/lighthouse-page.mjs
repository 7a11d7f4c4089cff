// Runs Lighthouse on one page with cookies already in the browser, as a shopper's browser has them
// (load/lighthouse.sh uses it for the cart and checkout pages). Lighthouse's --extra-headers would
// replace the whole Cookie header of every request instead, so the browser would never send back a
// cookie the shop sets, and Chromium leaves such a header off navigations.
//
//   node load/lighthouse-page.mjs URL REPORT.json 'NAME=VALUE; NAME=VALUE' -- CHROME_FLAG...
//
// Lighthouse and puppeteer-core are resolved from NODE_PATH (the lighthouse install under var/tools/).
// Lighthouse's default configuration is used: the mobile preset. Exit status 0 when a report was
// written, 1 otherwise.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [url, report, cookieHeader, separator, ...chromeFlags] = process.argv.slice(2);
if (!url || !report || cookieHeader === undefined || separator !== "--") {
  console.error("usage: node load/lighthouse-page.mjs URL REPORT.json 'NAME=VALUE; ...' -- CHROME_FLAG...");
  process.exit(2);
}

// ES modules ignore NODE_PATH: resolve the packages from there by hand
const modules = (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean);
const require = createRequire(path.join(modules[0] || process.cwd(), "noop.js"));
const load = async (name) => import(pathToFileURL(require.resolve(name, { paths: modules })).href);
const lighthouse = (await load("lighthouse")).default;
const puppeteer = (await load("puppeteer-core")).default;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: false, // the flags say --headless=new
  args: chromeFlags,
  defaultViewport: null,
});
try {
  const page = await browser.newPage();
  const cookies = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("=");
      return { name: part.slice(0, at), value: part.slice(at + 1), url };
    });
  if (cookies.length > 0) {
    await page.setCookie(...cookies);
  }
  const result = await lighthouse(
    url,
    {
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      disableStorageReset: true, // keep the cookies just set
    },
    undefined,
    page,
  );
  if (!result) {
    throw new Error("Lighthouse returned no result");
  }
  writeFileSync(report, result.report);
} finally {
  await browser.close();
}
