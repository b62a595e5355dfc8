// The part of fontkit (pdfkit's font parser, which ships no types) that the PDF renderer uses.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
