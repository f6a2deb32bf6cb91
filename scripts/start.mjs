// `npm start` will run the main job (the PCM-drift experiment) once the cli package lands.
console.log('analogkit: the main experiment (`analogkit hwa-drift`) is coming soon; run `npm test` for now.');
