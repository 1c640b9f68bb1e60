// What a figure is (the column it stands in, read from the header): the golden-format
// vocabulary and the other standard columns. A column outside it is `other`, its printed
// header kept beside (LineItem.measureLabel), so nothing is lost and the vocabulary stays closed.
import { z } from "zod";

export const Measure = z.enum([
  "total", "basic", "project", "personnel", "public",
  "income_total", "expenditure_total",
  "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception",
  "meetings", "training", "operating_costs", "total_incl_meetings_training",
  "other",
]);
export type Measure = z.infer<typeof Measure>;
