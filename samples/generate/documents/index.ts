import type { SampleDoc } from "../model.ts";
import { jiyuanRuled } from "./jiyuan-ruled.ts";
import { beilinUnruled } from "./beilin-unruled.ts";
import { zhumadianYuan } from "./zhumadian-yuan.ts";
import { fengrunWrapped } from "./fengrun-wrapped.ts";
import { jiaozuoRepaired } from "./jiaozuo-repaired.ts";

export const sampleDocs: SampleDoc[] = [jiyuanRuled, beilinUnruled, zhumadianYuan, fengrunWrapped, jiaozuoRepaired];
