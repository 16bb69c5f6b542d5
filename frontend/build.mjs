// Bundle every frontend/entries/*.js into maillage/static/dist (no CDN at run time).
// Each entry may import CSS (emitted next to its bundle) and images (copied with a hash).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "maillage", "static", "dist");
mkdirSync(outdir, { recursive: true });

const entriesDir = join(root, "frontend", "entries");
const entryPoints = readdirSync(entriesDir)
  .filter((name) => name.endsWith(".js"))
  .map((name) => join(entriesDir, name));

await build({
  entryPoints,
  outdir,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["es2020"],
  loader: { ".png": "file", ".svg": "file" },
  logLevel: "warning",
});

// Files used as they are (no bundling needed).
const vendor = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
];
for (const [from, to] of vendor) {
  const source = join(root, "node_modules", from);
  if (!existsSync(source)) throw new Error(`missing ${source}: run npm ci`);
  copyFileSync(source, join(outdir, to));
}
console.log(`built ${entryPoints.length} entries into ${outdir}`);
