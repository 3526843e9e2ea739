//! lumo-api's rules return typed values (a [`Problem`], an [`NspkError`], a [`TronProblem`], a
//! countdown, a stall...); these functions word them in the language on screen (tracked: call
//! them inside a reactive closure for the words to follow a switch of language).

use lumo_api::csv::{comma_thousands, ExportStop};
use lumo_api::rules::amounts::{OutOfRange, Total};
use lumo_api::rules::money::format_total_in;
use lumo_api::rules::nspk::NspkError;
use lumo_api::rules::quotes::countdown::Announcement;
use lumo_api::rules::quotes::pending::Stall;
use lumo_api::rules::quotes::{AcceptBlock, CountdownLabel};
use lumo_api::rules::tron::TronProblem;
use lumo_api::rules::validation::Problem;

use crate::i18n::{locale, t, tf, tn, Key, Locale};

/// A counted limit: the form follows `limit`, the text shows it as digits under `name`.
fn limit(key: Key, name: &str, limit: usize) -> String {
    let digits = limit.to_string();
    tn(key, limit as u64, &[(name, &digits)])
}

/// What is wrong with a field's value.
pub fn problem(problem: &Problem) -> String {
    match problem {
        Problem::EmailMissing => t(Key::RulesEmailMissing).into(),
        Problem::EmailTooLong { max } => limit(Key::RulesEmailTooLong, "max", *max),
        Problem::EmailHasSpaces => t(Key::RulesEmailSpaces).into(),
        Problem::EmailInvalid => t(Key::RulesEmailInvalid).into(),
        Problem::UrlMissing => t(Key::RulesUrlMissing).into(),
        Problem::UrlTooLong { max } => limit(Key::RulesUrlTooLong, "max", *max),
        Problem::UrlHasSpaces => t(Key::RulesUrlSpaces).into(),
        Problem::UrlNotFull => t(Key::RulesUrlNotFull).into(),
        Problem::UrlNoHost => t(Key::RulesUrlNoHost).into(),
        Problem::UrlBadHost => t(Key::RulesUrlBadHost).into(),
        Problem::UrlBadPort => t(Key::RulesUrlBadPort).into(),
        Problem::UrlNotHttps => t(Key::RulesUrlNotHttps).into(),
        Problem::TelegramMissing => t(Key::RulesTelegramMissing).into(),
        Problem::TelegramInvalid => t(Key::RulesTelegramInvalid).into(),
        Problem::TelegramContactTooLong { max } => {
            limit(Key::RulesTelegramContactTooLong, "max", *max)
        }
        Problem::Tron(tron) => tron_problem(*tron),
        Problem::PasswordMissing => t(Key::RulesPasswordMissing).into(),
        Problem::LoginPasswordMissing => t(Key::RulesLoginPasswordMissing).into(),
        Problem::PasswordTooShort { min } => limit(Key::RulesPasswordTooShort, "min", *min),
        Problem::PasswordTooLong { max } => limit(Key::RulesPasswordTooLong, "max", *max),
        Problem::CompanyNameMissing => t(Key::RulesCompanyMissing).into(),
        Problem::CompanyNameTooShort { min } => limit(Key::RulesCompanyTooShort, "min", *min),
        Problem::CompanyNameTooLong { max } => limit(Key::RulesCompanyTooLong, "max", *max),
        Problem::ReasonMissing => t(Key::RulesReasonMissing).into(),
        Problem::ReasonTooLong { max, count } => tf(
            Key::RulesReasonTooLong,
            &[("max", &max.to_string()), ("count", &count.to_string())],
        ),
        Problem::ReplaceReasonTooLong { max } => limit(Key::RulesReplaceReasonTooLong, "max", *max),
        Problem::ExternalIdMissing => t(Key::RulesExternalIdMissing).into(),
        Problem::ExternalIdDotSegment => t(Key::RulesExternalIdDots).into(),
        Problem::ExternalIdTooLong { max } => limit(Key::RulesExternalIdTooLong, "max", *max),
        Problem::ApiKeyMissing => t(Key::RulesApiKeyMissing).into(),
        Problem::ApiKeyPrefix => t(Key::RulesApiKeyPrefix).into(),
        Problem::ApiKeyInvalid => t(Key::RulesApiKeyInvalid).into(),
        Problem::PaymentLinkTooLong { max } => limit(Key::RulesLinkTooLong, "max", *max),
        Problem::PaymentLink(error) => nspk_error(error),
        Problem::OrderReferenceTooLong { max } => {
            limit(Key::RulesOrderReferenceTooLong, "max", *max)
        }
        Problem::NothingChanged => t(Key::RulesNothingChanged).into(),
    }
}

/// Why a text is not a TRON address.
pub fn tron_problem(problem: TronProblem) -> String {
    match problem {
        TronProblem::Missing => t(Key::RulesTronMissing).into(),
        TronProblem::SurroundingSpaces => t(Key::RulesTronSpaces).into(),
        TronProblem::WrongLength { expected } => tn(Key::RulesTronLength, expected as u64, &[]),
        TronProblem::NotStartingWithT => t(Key::RulesTronStart).into(),
        TronProblem::BadCharacter => t(Key::RulesTronCharacter).into(),
        TronProblem::WrongVersion => t(Key::RulesTronVersion).into(),
        TronProblem::ChecksumMismatch => t(Key::RulesTronChecksum).into(),
    }
}

/// Why a payment link cannot be paid. The link's own values (a parameter name, a type, a
/// currency) are quoted as written.
pub fn nspk_error(error: &NspkError) -> String {
    match error {
        NspkError::Empty => t(Key::RulesNspkEmpty).into(),
        NspkError::NotNspkLink => t(Key::RulesNspkNotLink).into(),
        NspkError::BadId => t(Key::RulesNspkBadId).into(),
        NspkError::DuplicateParameter(name) => tf(Key::RulesNspkDuplicate, &[("name", name)]),
        NspkError::MissingType => t(Key::RulesNspkMissingType).into(),
        NspkError::UnsupportedType(raw) => tf(Key::RulesNspkUnsupportedType, &[("raw", raw)]),
        NspkError::StaticQrHasNoAmount => t(Key::RulesNspkStatic).into(),
        NspkError::MissingBank => t(Key::RulesNspkMissingBank).into(),
        NspkError::BadBank => t(Key::RulesNspkBadBank).into(),
        NspkError::MissingAmount => t(Key::RulesNspkMissingAmount).into(),
        NspkError::BadAmount => t(Key::RulesNspkBadAmount).into(),
        NspkError::MissingCurrency => t(Key::RulesNspkMissingCurrency).into(),
        NspkError::NotRub(raw) => tf(Key::RulesNspkNotRub, &[("raw", raw)]),
        NspkError::MissingCrc => t(Key::RulesNspkMissingCrc).into(),
        NspkError::BadCrc => t(Key::RulesNspkBadCrc).into(),
    }
}

/// Why a quote cannot be accepted.
pub fn accept_block(block: AcceptBlock) -> &'static str {
    match block {
        AcceptBlock::Expired => t(Key::RulesAcceptExpired),
        AcceptBlock::InsufficientBalance => t(Key::RulesAcceptBalance),
    }
}

/// "Expires in 0:27", or "Expired".
pub fn countdown(label: CountdownLabel) -> String {
    match label {
        CountdownLabel::ExpiresIn { minutes, seconds } => tf(
            Key::RulesCountdownLeft,
            &[("m", &minutes.to_string()), ("s", &format!("{seconds:02}"))],
        ),
        CountdownLabel::Expired => t(Key::RulesCountdownExpired).into(),
    }
}

/// What the countdown's live region says.
pub fn announcement(announcement: Announcement) -> String {
    match announcement {
        Announcement::SecondsLeft(n) => {
            tn(Key::RulesAnnounceLeft, u64::try_from(n).unwrap_or(0), &[])
        }
        Announcement::Expired => t(Key::RulesAnnounceExpired).into(),
    }
}

/// A short line about an accept whose outcome is still unknown, without the raw error.
pub fn stall_summary(stall: &Stall) -> &'static str {
    match stall {
        Stall::SignedOut => t(Key::RulesStallSignedOut),
        Stall::Unreachable(_) => t(Key::RulesStallUnreachable),
        Stall::NoDefiniteAnswer(_) => t(Key::RulesStallNoAnswer),
    }
}

/// A sum in the language on screen, or "USDT: too large to show" beyond what a decimal holds.
pub fn total(total: Total, currency: &str) -> String {
    format_total_in(locale(), total, currency).unwrap_or_else(|OutOfRange| match currency.trim() {
        "" => t(Key::RulesTooLarge).into(),
        code => tf(Key::RulesTooLargeIn, &[("code", code)]),
    })
}

/// Why an export stopped before the list's end.
pub fn export_stop(stop: &ExportStop) -> String {
    match stop {
        ExportStop::RepeatedPage { rows } => {
            tf(Key::RulesExportRepeatedPage, &[("rows", &rows.to_string())])
        }
        ExportStop::RowLimit { rows } => {
            let rows = match locale() {
                Locale::En => comma_thousands(*rows),
                Locale::Ru => locale().count_text(*rows as u64),
            };
            tf(Key::RulesExportRowLimit, &[("rows", &rows)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_what_lumo_api_used_to_write() {
        assert_eq!(
            problem(&Problem::PasswordTooShort { min: 8 }),
            "A password has at least 8 characters."
        );
        assert_eq!(
            problem(&Problem::ReasonTooLong {
                max: 2000,
                count: 2001
            }),
            "A reason has at most 2000 characters; this one has 2001."
        );
        assert_eq!(
            problem(&Problem::UrlTooLong { max: 2048 }),
            "A URL has at most 2048 characters."
        );
        assert_eq!(
            tron_problem(TronProblem::WrongLength { expected: 34 }),
            "A TRON address has exactly 34 characters."
        );
        assert_eq!(
            nspk_error(&NspkError::NotRub("USD".into())),
            "The payment is in \"USD\"; only payments in RUB can be paid here."
        );
        assert_eq!(
            countdown(CountdownLabel::ExpiresIn {
                minutes: 0,
                seconds: 9
            }),
            "Expires in 0:09"
        );
        assert_eq!(
            announcement(Announcement::SecondsLeft(10)),
            "10 seconds left to accept this quote."
        );
        assert_eq!(total(Err(OutOfRange), "TRX"), "TRX: too large to show");
        assert_eq!(
            export_stop(&ExportStop::RowLimit { rows: 100_000 }),
            "The export stopped at 100,000 rows, the most one file holds; narrow the filters to \
             export the rest."
        );
    }
}
