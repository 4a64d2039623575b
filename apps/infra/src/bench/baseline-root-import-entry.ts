// Benchmark baseline: the same synth, after loading @cdktf/provider-aws from its package root,
// which is what every provider class import costs when it is not a deep import.
// eslint-disable-next-line no-restricted-imports -- this file exists to measure the root import
import '@cdktf/provider-aws';
import './synth-entry';
