// Loaded into the Playwright driver before its own code (NODE_OPTIONS --require, set by engine.py).
//
// The driver only passes messages between the worker and Chromium, many of them large (response
// bodies and screenshot slices, in base64). V8 frees them only when its heap reaches a limit that
// grows with the heap, so under load the driver held tens of megabytes of messages already passed
// on. Whenever the heap has grown by STEP since the last collection, a full collection frees them.
"use strict";

const v8 = require("v8");
const vm = require("vm");

const STEP = 8 * 1024 * 1024;
const EVERY_MS = 500;

v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc");
const used = () => v8.getHeapStatistics().used_heap_size;
let after = used();

setInterval(() => {
  if (used() > after + STEP) {
    collect();
    after = used();
  }
}, EVERY_MS).unref();
