/** The slice of pdfmake 0.3 (server build) we use; the package ships no types. */
declare module 'pdfmake' {
  type FontDef = string | [string, string];
  interface PdfMake {
    setFonts(fonts: Record<string, { normal: FontDef; bold: FontDef; italics: FontDef; bolditalics: FontDef }>): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
