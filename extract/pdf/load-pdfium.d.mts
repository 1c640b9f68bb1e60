export { init } from "@embedpdf/pdfium";
