//! `lumo-sandbox`: run the local Lumo B2B API (see `--help`).

use lumo_sandbox::{
    api_base_url,
    cli::{self, Command},
    spawn, DEMO_API_KEY, DEMO_EMAIL, DEMO_PASSWORD, DEMO_QR_AFFORDABLE, DEMO_QR_TOO_EXPENSIVE,
};

#[tokio::main]
async fn main() {
    let env_token = std::env::var_os(lumo_sandbox::control_token::ENV_VAR);
    let opts = match cli::parse_with_env(std::env::args().skip(1), env_token) {
        Ok(Command::Run(opts)) => opts,
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("lumo-sandbox: {e}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    let control = opts.control;
    let token = opts.control_token.is_some();
    if let Some(dir) = &opts.static_dir {
        if !dir.join("index.html").is_file() {
            eprintln!(
                "lumo-sandbox: warning: {} has no index.html (build the portal first)",
                dir.display()
            );
        }
    }
    let (addr, handle) = match spawn(opts).await {
        Ok(started) => started,
        Err(e) => {
            eprintln!("lumo-sandbox: cannot listen: {e}");
            std::process::exit(1);
        }
    };
    let api = api_base_url(addr);
    println!("Lumo sandbox API: {api}");
    if let Some(static_addr) = handle.static_addr() {
        println!("Portal:           {}", api_base_url(static_addr));
    }
    println!("Demo e-mail:      {DEMO_EMAIL}");
    println!("Demo password:    {DEMO_PASSWORD}");
    println!("Demo API key:     {DEMO_API_KEY}  (a login or key regeneration rotates it)");
    println!("QR, 5,000.00 RUB (the balance covers it):");
    println!("  {DEMO_QR_AFFORDABLE}");
    println!("QR, 50,000,000.00 RUB (the balance does not cover it):");
    println!("  {DEMO_QR_TOO_EXPENSIVE}");
    if control && token {
        println!("Control routes:   {api}/_sandbox/ (reset, clock/advance, faults, ...; X-Sandbox-Token required)");
    } else if control {
        println!("Control routes:   {api}/_sandbox/ (reset, clock/advance, faults, ...)");
    } else {
        println!("Control routes:   disabled (--no-control)");
    }
    println!("Stop with Ctrl-C.");

    shutdown_signal().await;
    println!("Stopping.");
    handle.shutdown().await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
