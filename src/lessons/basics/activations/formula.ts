/** The activations view's formulas, typeset with the live numbers (TeX for Temml). */
import {
  activation,
  activationGrad,
  type ActivationFn,
  type DepthLayer,
} from '../../../core/activation';
import { texNum } from '../../../viz/Formula';

const n = (v: number) => texNum(v, 4);
/** A number as a factor: negative ones in parentheses. */
const arg = (v: number) => (v < 0 ? `(${n(v)})` : n(v));

/** f(x) = its definition = the definition at x = the value. */
export function curveTex(fn: ActivationFn, x: number, alpha: number): string {
  const v = n(activation(fn, x, alpha));
  const a = arg(x);
  switch (fn) {
    case 'sigmoid':
      return `\\sigma(x)=\\frac{1}{1+e^{-x}}=\\frac{1}{1+e^{-${a}}}=${v}`;
    case 'tanh':
      return `\\tanh(x)=\\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}},\\quad \\tanh(${n(x)})=${v}`;
    case 'relu':
      return `\\mathrm{ReLU}(x)=\\max(0,x)=\\max(0,${n(x)})=${v}`;
    case 'leaky_relu':
      return `\\mathrm{LeakyReLU}(x)=\\begin{cases}x & x>0\\\\ \\alpha x & x\\le 0\\end{cases},\\quad ${
        x > 0 ? `f(${n(x)})=${v}` : `${n(alpha)}\\times ${a}=${v}`
      }`;
    case 'gelu':
      return `\\mathrm{GELU}(x)=x\\,\\Phi(x)=\\tfrac{x}{2}\\Big(1+\\mathrm{erf}\\big(\\tfrac{x}{\\sqrt2}\\big)\\Big)=\\tfrac{${n(x)}}{2}\\Big(1+\\mathrm{erf}\\big(\\tfrac{${n(x)}}{\\sqrt2}\\big)\\Big)=${v}`;
    case 'softplus':
      return `\\mathrm{softplus}(x)=\\ln(1+e^{x})=\\ln(1+e^{${n(x)}})=${v}`;
    case 'linear':
      return `f(x)=x=${v}`;
  }
}

/** f′(x) = its formula = the numbers = the value. */
export function slopeTex(fn: ActivationFn, x: number, alpha: number): string {
  const d = n(activationGrad(fn, x, alpha));
  const f = activation(fn, x, alpha);
  switch (fn) {
    case 'sigmoid':
      return `\\sigma'(x)=\\sigma(x)\\,(1-\\sigma(x))=${n(f)}\\times(1-${n(f)})=${d}`;
    case 'tanh':
      return `\\tanh'(x)=1-\\tanh^2(x)=1-${arg(f)}^2=${d}`;
    case 'relu':
      return `\\mathrm{ReLU}'(x)=\\begin{cases}1 & x>0\\\\ 0 & x\\le 0\\end{cases},\\quad x=${n(x)}\\;\\Rightarrow\\;${d}`;
    case 'leaky_relu':
      return `\\mathrm{LeakyReLU}'(x)=\\begin{cases}1 & x>0\\\\ \\alpha & x\\le 0\\end{cases},\\quad x=${n(x)}\\;\\Rightarrow\\;${d}`;
    case 'gelu': {
      const phi = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      return `\\mathrm{GELU}'(x)=\\Phi(x)+x\\,\\varphi(x)=${n(activationGrad(fn, x) - x * phi)}+${arg(x)}\\times ${n(phi)}=${d}`;
    }
    case 'softplus':
      return `\\mathrm{softplus}'(x)=\\sigma(x)=\\frac{1}{1+e^{-${arg(x)}}}=${d}`;
    case 'linear':
      return `f'(x)=1`;
  }
}

/** softmax(x/T)_1 written out with the numbers, and every probability. */
export function softmaxTex(logits: readonly number[], t: number, probs: readonly number[]): string {
  const e = (x: number) => `e^{${n(x)}/${n(t)}}`;
  const den = logits.length <= 4 ? logits.map(e).join('+') : `${e(logits[0]!)}+\\cdots`;
  return `p_i=\\frac{e^{x_i/T}}{\\sum_j e^{x_j/T}},\\quad p_1=\\frac{${e(logits[0]!)}}{${den}}=${n(probs[0]!)}`;
}

/** ∂a_D/∂x = Π f′(z_k) with the first factors written out. */
export function depthTex(chain: readonly DepthLayer[]): string {
  const shown = chain.slice(0, 4).map((l) => n(l.grad));
  const more = chain.length > 4 ? '\\times\\cdots' : '';
  const last = chain[chain.length - 1]!;
  return `\\frac{\\partial a_{${chain.length}}}{\\partial x}=\\prod_{k=1}^{${chain.length}} f'(z_k)=${shown.join('\\times ')}${more}=${n(last.product)}`;
}
