const c0 = process.cpuUsage();
await import("zod");
const c = process.cpuUsage(c0); console.log("zod", Math.round((c.user + c.system) / 1000), "ms cpu");
