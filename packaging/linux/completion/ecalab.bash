# bash completion for ecalab. Installed as share/bash-completion/completions/ecalab.
# The flows are asked of the installed binary (ecalab run --help), so a new flow needs no edit here.

_ecalab_flows()
{
    ecalab run --help 2>/dev/null | awk '/^Flows:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'
}

_ecalab()
{
    local cur prev command= i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -*) ;;
            *) command=${COMP_WORDS[i]}; break ;;
        esac
    done

    case $prev in
        --profile|--seed)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --out)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --browser)
            COMPREPLY=($(compgen -c -- "$cur")); return ;;
        --set|--timeout|--port|--cn|--days|--bits|--id)
            return ;;
    esac

    local words
    case $command in
        "")
            words="gui run token profiles keys emulator help --version --help --profile" ;;
        run)
            if ((COMP_CWORD == i + 1)); then
                words="$(_ecalab_flows) --help"
            else
                words="--profile --set --json --no-browser --browser --timeout --help"
            fi ;;
        token)
            if ((COMP_CWORD == i + 1)); then
                words="decode verify introspect userinfo identity revoke --help"
            else
                words="--profile --set --json --refresh --id --timeout --help"
                [[ $cur == -* ]] || { COMPREPLY=($(compgen -W "- $words" -- "$cur")); return; }
            fi ;;
        profiles)
            words="list --json --help" ;;
        keys)
            if ((COMP_CWORD == i + 1)); then
                words="generate inspect --help"
            elif [[ ${COMP_WORDS[i+1]} == inspect && $cur != -* ]]; then
                COMPREPLY=($(compgen -f -- "$cur")); return
            else
                words="--out --cn --days --bits --force --json --help"
            fi ;;
        emulator)
            words="--port --seed --json --help" ;;
        help)
            words="run token profiles keys emulator" ;;
        gui)
            words="--profile --no-browser --browser --timeout" ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -F _ecalab ecalab
