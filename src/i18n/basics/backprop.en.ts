/** English strings of the Basics lesson's backprop view (mounted at `basics.backprop`). */
export const backpropEn = {
  stage: 'Backpropagation: the chain rule through a small network, neuron by neuron',
};
