import type { RPUConfig, Runtime } from '@analogkit/core';
import { AnalogConv1d, AnalogConv2d } from '../analog/analog-conv.js';
import { AnalogLinear } from '../analog/analog-linear.js';
import type { AnalogLayerOptions } from '../analog/analog-module.js';
import { Conv1d, Conv2d } from '../layers/conv.js';
import { Linear } from '../layers/linear.js';
import type { Module } from '../module.js';
import { AnalogSequential, Sequential } from '../sequential.js';

export interface ConvertToAnalogOptions {
  /** Dotted module names (as in namedModules(), e.g. "0" or "features.3") to keep digital, with everything below them. */
  exclude?: readonly string[];
  /** A config per layer (aihwkit's specific_rpu_config_fun): gets the layer's name, the digital layer and the default config. */
  specificRpuConfig?: (name: string, module: Module, rpuConfig: RPUConfig) => RPUConfig;
  /** Runtime of the new analog layers (default: core's default runtime). */
  runtime?: Runtime;
}

type DigitalLayer = Linear | Conv1d | Conv2d;
type AnalogLayer = AnalogLinear | AnalogConv1d | AnalogConv2d;

const join = (parent: string, child: string) => (parent === '' ? child : `${parent}.${child}`);

function analogCounterpart(layer: DigitalLayer, options: AnalogLayerOptions): AnalogLayer {
  const bias = layer.bias !== null;
  if (layer instanceof Linear) return new AnalogLinear(layer.inFeatures, layer.outFeatures, { ...options, bias });
  const Analog = layer instanceof Conv1d ? AnalogConv1d : AnalogConv2d;
  const { kernelSize, stride, padding, dilation } = layer.spec;
  return new Analog(layer.inChannels, layer.outChannels, kernelSize, { ...options, stride, padding, dilation, bias });
}

function digitalCounterpart(layer: AnalogLayer): DigitalLayer {
  // The init is overwritten with the analog weights; a fixed seed keeps the default runtime's random stream untouched.
  const options = { bias: layer.bias !== null || layer.tileModules().some((t) => t.analogBias), seed: 0 };
  if (layer instanceof AnalogLinear) return new Linear(layer.inFeatures, layer.outFeatures, options);
  const Digital = layer instanceof AnalogConv1d ? Conv1d : Conv2d;
  const { kernelSize, stride, padding, dilation } = layer.spec;
  return new Digital(layer.inChannels, layer.outChannels, kernelSize, { ...options, stride, padding, dilation });
}

/** Replaces the children of `module` by `convert(child, name)` where that returns another module. */
async function convertChildren(module: Module, name: string, convert: (m: Module, name: string) => Promise<Module>): Promise<void> {
  for (const [childName, child] of module.namedChildren()) {
    const converted = await convert(child, join(name, childName));
    if (converted !== child) module.replaceModule(childName, converted);
  }
}

/**
 * A deep copy of `model` with every Linear, Conv1d and Conv2d replaced by its analog counterpart
 * (each with its own copy of the config, the digital weights copied exactly) and every Sequential
 * by an AnalogSequential (aihwkit's convert_to_analog).
 */
export async function convertToAnalog(model: Module, rpuConfig: RPUConfig, options: ConvertToAnalogOptions = {}): Promise<Module> {
  const exclude = new Set(options.exclude ?? []);
  const convert = async (module: Module, name: string): Promise<Module> => {
    if (exclude.has(name)) return module;
    if (module instanceof Linear || module instanceof Conv1d || module instanceof Conv2d) {
      const config = options.specificRpuConfig ? options.specificRpuConfig(name, module, rpuConfig) : rpuConfig;
      const analog = analogCounterpart(module, { rpuConfig: config, ...(options.runtime ? { runtime: options.runtime } : {}) });
      await analog.setWeights(module.weight.data, module.bias?.data ?? null, { forceExact: true });
      return analog.train(module.training);
    }
    await convertChildren(module, name, convert);
    if (module instanceof Sequential && !(module instanceof AnalogSequential)) return new AnalogSequential(...module.layers).train(module.training);
    return module;
  };
  return convert(await model.copy(), '');
}

/**
 * A deep copy of `model` with every analog layer replaced by its digital counterpart, with the
 * exact logical weights, and every AnalogSequential by a Sequential (aihwkit's convert_to_digital).
 */
export async function convertToDigital(model: Module): Promise<Module> {
  const convert = async (module: Module, name: string): Promise<Module> => {
    if (module instanceof AnalogLinear || module instanceof AnalogConv1d || module instanceof AnalogConv2d) {
      const digital = digitalCounterpart(module);
      const [weight, bias] = await module.getWeights({ forceExact: true });
      digital.weight.assign(weight.data);
      if (bias && digital.bias) digital.bias.assign(bias.data);
      return digital.train(module.training);
    }
    await convertChildren(module, name, convert);
    if (module instanceof AnalogSequential) return new Sequential(...module.layers).train(module.training);
    return module;
  };
  return convert(await model.copy(), '');
}
