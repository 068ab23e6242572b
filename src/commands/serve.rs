//! `dossier serve`: the arguments become [`ServeOptions`]; the preview
//! server itself is [`crate::serve`].

use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};

pub fn run(args: ServeArgs) -> u8 {
    serve::run(ServeOptions {
        root: args.root,
        settings: super::settings,
        port: args.port,
        bind: args.bind,
        open: args.open,
    })
}
