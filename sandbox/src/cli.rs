//! Command-line options of the `lumo-sandbox` binary.

use std::{ffi::OsString, net::IpAddr, path::PathBuf};

use crate::{control_token, Options};

pub const USAGE: &str = "\
Usage: lumo-sandbox [OPTIONS]

A local Lumo B2B API (every operation of lumo-b2b.openapi.yaml) with demo data.

Options:
  --host ADDR              address to listen on (default 127.0.0.1)
  --port N                 API port (default 8787; 0 picks a free port)
  --no-control             disable the /_sandbox/* control and fault-injection routes
  --control-token T        require the header `X-Sandbox-Token: T` on every /_sandbox/* route
                           (else 401); default: $LUMO_SANDBOX_CONTROL_TOKEN, unset or empty
                           means open. T: 1 to 256 visible ASCII characters
  --cors-origin ORIGIN     allow only this origin (repeatable; default: any origin)
  --static-dir DIR         also serve a built portal from DIR (SPA fallback to index.html)
  --static-port N          port of the static server (default 8080)
  --config-json-override   always serve the generated /config.json, even if DIR has one
  --max-page-size N        largest `limit` GET /orders takes (default 100, the contract's;
                           up to 1000, for benchmarks); the generated config.json says so
  -h, --help               show this help
";

#[derive(Debug, PartialEq)]
pub enum Command {
    Run(Options),
    Help,
}

/// [`parse`], then the control token from `env_token` (the value of
/// `LUMO_SANDBOX_CONTROL_TOKEN`) unless `--control-token` gave one. An empty value is unset.
pub fn parse_with_env<I: IntoIterator<Item = String>>(
    args: I,
    env_token: Option<OsString>,
) -> Result<Command, String> {
    let mut cmd = parse(args)?;
    if let Command::Run(opts) = &mut cmd {
        if opts.control_token.is_none() {
            let env = control_token::ENV_VAR;
            match env_token.filter(|t| !t.is_empty()) {
                None => {}
                Some(t) => {
                    let t = t
                        .into_string()
                        .map_err(|_| format!("{env}: not valid UTF-8"))?;
                    control_token::validate(&t).map_err(|e| format!("{env}: {e}"))?;
                    opts.control_token = Some(t);
                }
            }
        }
    }
    Ok(cmd)
}

/// The command line alone (no environment).
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut opts = Options::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--host" => {
                let v = value("an address")?;
                opts.host = v
                    .parse::<IpAddr>()
                    .map_err(|_| format!("--host: not an IP address: {v}"))?;
            }
            "--port" => opts.port = port(&value("a port")?)?,
            "--static-port" => opts.static_port = port(&value("a port")?)?,
            "--static-dir" => opts.static_dir = Some(PathBuf::from(value("a directory")?)),
            "--cors-origin" => opts.cors_origins.push(value("an origin")?),
            "--no-control" => opts.control = false,
            "--control-token" => {
                let v = value("a token")?;
                control_token::validate(&v).map_err(|e| format!("--control-token: {e}"))?;
                opts.control_token = Some(v);
            }
            "--config-json-override" => opts.config_json_override = true,
            "--max-page-size" => {
                let v = value("a number")?;
                opts.max_page_size = v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (100..=1000).contains(n))
                    .ok_or_else(|| {
                        format!("--max-page-size: not a number from 100 to 1000: {v}")
                    })?;
            }
            other => return Err(format!("unknown option: {other}")),
        }
    }
    Ok(Command::Run(opts))
}

fn port(v: &str) -> Result<u16, String> {
    v.parse::<u16>()
        .map_err(|_| format!("not a port number: {v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(parse(args("")).unwrap(), Command::Run(Options::default()));
        let Command::Run(o) = parse(args(
            "--port 9000 --host 0.0.0.0 --no-control --static-dir dist --static-port=8081 \
             --cors-origin http://a.test --cors-origin http://b.test --config-json-override",
        ))
        .unwrap() else {
            panic!()
        };
        assert_eq!(o.port, 9000);
        assert_eq!(o.host.to_string(), "0.0.0.0");
        assert!(!o.control);
        assert_eq!(o.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(o.static_port, 8081);
        assert_eq!(o.cors_origins, vec!["http://a.test", "http://b.test"]);
        assert!(o.config_json_override);
        assert_eq!(o.max_page_size, 100);
        let Command::Run(o) = parse(args("--max-page-size 1000")).unwrap() else {
            panic!()
        };
        assert_eq!(o.max_page_size, 1000);
        assert!(parse(args("--max-page-size 50")).is_err());
        assert!(parse(args("--max-page-size 1001")).is_err());
        assert_eq!(parse(args("--help")).unwrap(), Command::Help);
        assert!(parse(args("--port")).is_err());
        assert!(parse(args("--port x")).is_err());
        assert!(parse(args("--bogus")).is_err());
    }

    #[test]
    fn control_token_from_the_flag_or_the_environment() {
        let token = |cmd: Result<Command, String>| match cmd {
            Ok(Command::Run(o)) => o.control_token,
            other => panic!("{other:?}"),
        };
        assert_eq!(token(parse(args(""))), None);
        assert_eq!(
            token(parse(args("--control-token s3cret"))),
            Some("s3cret".into())
        );
        assert_eq!(
            token(parse(args("--control-token=a=b"))),
            Some("a=b".into())
        );
        assert!(parse(args("--control-token")).is_err());
        assert!(parse(vec!["--control-token".into(), "a b".into()]).is_err());
        assert!(parse(vec!["--control-token=".into()]).is_err());

        let env = |v: &str| Some(OsString::from(v));
        assert_eq!(
            token(parse_with_env(args(""), env("from-env"))),
            Some("from-env".into())
        );
        assert_eq!(
            token(parse_with_env(
                args("--control-token flag"),
                env("from-env")
            )),
            Some("flag".into()),
            "the flag wins"
        );
        assert_eq!(token(parse_with_env(args(""), env(""))), None);
        assert_eq!(token(parse_with_env(args(""), None)), None);
        let err = parse_with_env(args(""), env("bad token")).unwrap_err();
        assert!(err.starts_with("LUMO_SANDBOX_CONTROL_TOKEN"), "{err}");
        assert_eq!(
            parse_with_env(args("--help"), env("x")).unwrap(),
            Command::Help
        );
    }
}
