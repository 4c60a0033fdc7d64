/** Placeholder. */
console.log("netpol");
