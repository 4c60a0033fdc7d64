// Seed "Ip Block": the factories work without a scope, as the seed writes them (and with one, as cdk8s-plus does).

import { NetworkPolicy, NetworkPolicyIpBlock } from "@netpol/cdk8s";
import * as k from "cdk8s";

// define a specific ipv4 range
const v4 = NetworkPolicyIpBlock.ipv4("172.17.0.0/16");
// define a specific ipv6 range
const v6 = NetworkPolicyIpBlock.ipv6("2002::1234:abcd:ffff:c0a8:101/64");
// define all ipv4 addresses
const any4 = NetworkPolicyIpBlock.anyIpv4();
// define all ipv6 addresses
const any6 = NetworkPolicyIpBlock.anyIpv6();

// Ip blocks can later be used as network policy peers.
export const app = new k.App();
export const chart = new k.Chart(app, "Chart");
const scoped = NetworkPolicyIpBlock.ipv4(chart, "Office", "192.0.2.0/24");
new NetworkPolicy(chart, "Policy", { egress: { rules: [v4, v6, any4, any6, scoped].map((peer) => ({ peer })) } });
