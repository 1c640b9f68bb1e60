// Decoding an HTML page: one implementation for the crawler and the HTML reader, in
// extract/formats/html-charset.ts (BOM, header, <meta>, then the bytes' validity decide).
export { decodeHtml, charsetFromContentType, charsetFromMeta, isValidUtf8, type CharsetSource, type DecodedText } from "../formats/html-charset.ts";
