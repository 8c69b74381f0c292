import { heuristicEstimator, loadTokenEstimator } from "@switchyard/pricing";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "./document-chunks.js";
import type { DocumentChunk } from "./document-chunks.js";

const paragraph = (index: number) =>
  Array.from({ length: 6 }, (_, sentence) => `Paragraph ${index} sentence ${sentence} talks about tides and the moon.`).join(" ");
const document = Array.from({ length: 12 }, (_, index) => `## Part ${index}\n\n${paragraph(index)}`).join("\n\n");

/** The document again: each chunk without the overlap it repeats. */
const rejoined = (chunks: readonly DocumentChunk[]) => chunks.map((chunk) => chunk.text.slice(chunk.overlap.length)).join("");

describe("chunkDocument", () => {
  it("covers the whole document once, every chunk within the size, cut between paragraphs when they fit", () => {
    const perParagraph = heuristicEstimator.countText(`## Part 0\n\n${paragraph(0)}\n\n`);
    const chunks = chunkDocument(document, heuristicEstimator, perParagraph * 3, 0);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(rejoined(chunks)).toBe(document);
    for (const chunk of chunks) {
      expect(heuristicEstimator.countText(chunk.text)).toBeLessThanOrEqual(perParagraph * 3);
      expect(chunk.text).toMatch(/^## Part \d+/);
    }
  });

  it("starts each chunk with the end of the previous one, whole sentences within the overlap", () => {
    const chunks = chunkDocument(document, heuristicEstimator, 200, 30);
    expect(chunks.length).toBeGreaterThan(4);
    expect(rejoined(chunks)).toBe(document);
    for (const [index, chunk] of chunks.entries()) {
      expect(heuristicEstimator.countText(chunk.text)).toBeLessThanOrEqual(200);
      if (index === 0) {
        expect(chunk.overlap).toBe("");
        continue;
      }
      expect(chunk.overlap).not.toBe("");
      expect(chunks[index - 1]!.text.endsWith(chunk.overlap)).toBe(true);
      expect(heuristicEstimator.countText(chunk.overlap)).toBeLessThanOrEqual(30);
      // Whole sentences or lines: the overlap never starts inside a word.
      expect(chunk.overlap).toMatch(/^(Paragraph|## Part|\n)/);
    }
  });

  it("cuts a paragraph longer than a chunk at sentence ends, never inside a word", () => {
    const chunks = chunkDocument(paragraph(1), heuristicEstimator, 40, 0);
    expect(chunks.length).toBeGreaterThan(1);
    expect(rejoined(chunks)).toBe(paragraph(1));
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text).toMatch(/moon\. $/);
  });

  it("cuts a single word longer than a chunk by characters as a last resort", () => {
    const word = "x".repeat(1_000);
    const chunks = chunkDocument(word, heuristicEstimator, 50, 0);
    expect(rejoined(chunks)).toBe(word);
    for (const chunk of chunks) expect(heuristicEstimator.countText(chunk.text)).toBeLessThanOrEqual(50);
  });

  it("counts with the model's own tokenizer (o200k_base)", async () => {
    const o200k = await loadTokenEstimator("o200k_base");
    const chunks = chunkDocument(document, o200k, 120, 10);
    expect(rejoined(chunks)).toBe(document);
    for (const chunk of chunks) expect(o200k.countText(chunk.text)).toBeLessThanOrEqual(120);
  });

  it("returns one chunk for a document that fits", () => {
    expect(chunkDocument("Short text.", heuristicEstimator, 100, 10)).toEqual([{ text: "Short text.", overlap: "" }]);
  });
});
