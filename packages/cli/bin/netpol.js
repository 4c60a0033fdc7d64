#!/usr/bin/env node
// Committed shim so the binary is linked at install time; the bundle is built into dist/.
import "../dist/netpol.mjs";
